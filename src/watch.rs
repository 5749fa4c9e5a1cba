//! Watching files: which changes matter (the project's `.gitignore`, `--exclude`,
//! never `node_modules`, `.amplify` or the outputs file), and a debounced stream of
//! changed paths. Shared by both sandboxes and `sync --watch`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher as _};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::error::UsageError;

/// Quiet time after the last event before a deploy starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Which changed paths trigger a deploy.
#[derive(Debug, Clone)]
pub struct WatchRules {
    pub dir: PathBuf,
    root: PathBuf,
    ignored: GlobSet,
    outputs_file: PathBuf,
}

impl WatchRules {
    /// `excludes` are `--exclude` globs or paths (relative to `cwd`); the project's
    /// `.gitignore` patterns are added, as `ampx` adds them.
    pub fn new(
        root: &Path,
        dir: &Path,
        cwd: &Path,
        excludes: &[String],
        outputs_file: &Path,
    ) -> Result<WatchRules, UsageError> {
        let mut builder = GlobSetBuilder::new();
        let mut add = |pattern: &str| -> Result<(), UsageError> {
            let glob = Glob::new(pattern)
                .map_err(|e| UsageError::new(format!("invalid --exclude '{pattern}': {e}")))?;
            builder.add(glob);
            Ok(())
        };
        for exclude in excludes {
            let absolute = cwd.join(exclude);
            let text = absolute.to_string_lossy();
            add(&text)?;
            add(&format!("{}/**", text.trim_end_matches('/')))?;
        }
        if let Ok(gitignore) = std::fs::read_to_string(root.join(".gitignore")) {
            for line in gitignore.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
                    continue;
                }
                let pattern = line.trim_start_matches('/').trim_end_matches('/');
                let anchored = if line.trim_end_matches('/').contains('/') {
                    format!("{}/{pattern}", root.display())
                } else {
                    format!("{}/**/{pattern}", root.display())
                };
                // A bad line in .gitignore is not worth failing the sandbox for.
                let _ = add(&anchored);
                let _ = add(&format!("{anchored}/**"));
            }
        }
        Ok(WatchRules {
            dir: dir.to_path_buf(),
            root: root.to_path_buf(),
            ignored: builder
                .build()
                .map_err(|e| UsageError::new(format!("invalid --exclude: {e}")))?,
            outputs_file: outputs_file.to_path_buf(),
        })
    }

    /// `path` as shown to the user: relative to the project root.
    pub fn shown<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// Does a change to `path` call for a deploy?
    pub fn relevant(&self, path: &Path) -> bool {
        if !path.starts_with(&self.dir) || path == self.outputs_file {
            return false;
        }
        let inside = path.strip_prefix(&self.root).unwrap_or(path);
        if inside
            .components()
            .any(|c| matches!(c.as_os_str().to_str(), Some("node_modules" | ".amplify")))
        {
            return false;
        }
        !self.ignored.is_match(path)
    }
}

/// Does an event change a file's content or existence? Reads (ours included, when
/// the definition is evaluated) and metadata changes do not count.
pub fn is_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    )
}

/// Starts watching `dir`; the paths of each change arrive on the receiver. Symlinks
/// are not followed: a link in `amplify/` to `/` or to a home folder would otherwise
/// watch everything there (and fill the system's table of watches).
pub fn start(dir: &Path) -> Result<(impl Drop, UnboundedReceiver<Vec<PathBuf>>), UsageError> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let handler = move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result
            && is_change(&event.kind)
        {
            let _ = tx.send(event.paths);
        }
    };
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = notify::RecommendedWatcher::new(handler, config).map_err(watch_error)?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .map_err(watch_error)?;
    Ok((watcher, rx))
}

/// Waits until no change has arrived for [`DEBOUNCE`], so a burst of saves is one.
pub async fn settle(events: &mut UnboundedReceiver<Vec<PathBuf>>) {
    while let Ok(Some(_)) = tokio::time::timeout(DEBOUNCE, events.recv()).await {}
}

fn watch_error(e: notify::Error) -> UsageError {
    match e.kind {
        notify::ErrorKind::MaxFilesWatch => UsageError::new("the system's table of watched files is full").hint(
            "raise the limit: `sudo sysctl fs.inotify.max_user_watches=524288` (add it to /etc/sysctl.conf to keep it), \
             or watch less with --dir-to-watch / --exclude",
        ),
        _ => UsageError::new(format!("cannot watch for file changes: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// r23: a symlink in the watched folder that leads out of it is not followed.
    #[cfg(unix)]
    #[tokio::test]
    async fn symlinks_out_of_the_folder_are_not_watched() {
        let root = tempfile::tempdir().expect("dir");
        let (dir, outside) = (root.path().join("amplify"), root.path().join("elsewhere"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::create_dir_all(&outside).expect("mkdir");
        std::os::unix::fs::symlink(&outside, dir.join("link")).expect("symlink");
        let (_watcher, mut events) = start(&dir).expect("watch");
        std::fs::write(outside.join("x.ts"), b"x").expect("write");
        let heard = tokio::time::timeout(Duration::from_millis(500), events.recv()).await;
        assert!(heard.is_err(), "a change outside was reported: {heard:?}");
        std::fs::write(dir.join("y.ts"), b"y").expect("write");
        let heard = tokio::time::timeout(Duration::from_secs(5), events.recv()).await;
        assert!(
            heard.is_ok_and(|e| e.is_some()),
            "a change inside is reported"
        );
    }

    #[test]
    fn reads_and_metadata_changes_are_not_changes() {
        use notify::event::{
            AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode,
        };
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(!is_change(&EventKind::Other));
    }

    #[test]
    fn only_definition_changes_count() {
        let root = tempfile::tempdir().expect("dir");
        std::fs::write(
            root.path().join(".gitignore"),
            "node_modules\n/dist\n*.log\n# comment\n!keep.log\n",
        )
        .expect("write");
        let dir = root.path().join("amplify");
        let outputs = root.path().join("amplify_outputs.json");
        let rules = WatchRules::new(
            root.path(),
            &dir,
            root.path(),
            &["amplify/generated".into()],
            &outputs,
        )
        .expect("rules");
        let yes = [
            "amplify/backend.ts",
            "amplify/storage/resource.ts",
            "amplify/auth/deep/x.ts",
        ];
        let no = [
            "amplify/node_modules/pkg/index.ts",
            "amplify/.amplify/artifacts/x",
            "amplify/generated/schema.ts",
            "amplify/debug.log",
            "src/app.ts",
            "amplify_outputs.json",
        ];
        for p in yes {
            assert!(rules.relevant(&root.path().join(p)), "{p}");
        }
        for p in no {
            assert!(!rules.relevant(&root.path().join(p)), "{p}");
        }
        let inside =
            WatchRules::new(root.path(), root.path(), root.path(), &[], &outputs).expect("rules");
        assert!(
            !inside.relevant(&outputs),
            "the outputs file never triggers a deploy"
        );
        assert!(!inside.relevant(&root.path().join("dist/app.js")));
    }
}
