//! A project's definition as it was at a git revision: its `amplify/` folder and
//! `package.json` written out of git into a temporary folder, then read as usual.

use std::path::Path;
use std::process::Command;

use crate::error::UsageError;
use crate::model::Backend;
use crate::project;

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, UsageError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            UsageError::new(format!("cannot run git: {e}"))
                .hint("install git, or run inside a git repository")
        })?;
    if !out.status.success() {
        return Err(UsageError::new(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(out.stdout)
}

/// The backend the project at `root` had at `revision` (empty if it had none there).
pub(super) fn backend_at(root: &Path, revision: &str) -> anyhow::Result<Backend> {
    let top = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_string();
    let top = std::fs::canonicalize(&top)?;
    let root = std::fs::canonicalize(root)?;
    let inside = root.strip_prefix(&top).unwrap_or(Path::new(""));
    let inside = inside.to_string_lossy().replace('\\', "/");
    let prefix = if inside.is_empty() {
        String::new()
    } else {
        format!("{inside}/")
    };
    git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{revision}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        UsageError::new(format!("'{revision}' is not a commit of this repository"))
            .hint("e.g. HEAD, main, HEAD~1")
    })?;
    let listed = git(
        &top,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            "-z",
            revision,
            "--",
            &format!("{prefix}amplify"),
            &format!("{prefix}package.json"),
        ],
    )?;
    let snapshot = tempfile::tempdir()?;
    for path in listed.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path);
        let Some(relative) = path.strip_prefix(&prefix) else {
            continue;
        };
        let bytes = git(&top, &["show", &format!("{revision}:{path}")])?;
        let to = snapshot.path().join(relative);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(to, bytes)?;
    }
    if project::entry(snapshot.path()).is_none() {
        return Ok(Backend::default());
    }
    project::load(snapshot.path(), snapshot.path())
        .map(|d| d.backend)
        .map_err(|problems| {
            UsageError::new(format!(
                "the definition at {revision} has {} problem(s)",
                problems.list.len()
            ))
            .hint(format!(
                "{}\n(read from git at {revision})",
                problems.render()
            ))
            .into()
        })
}
