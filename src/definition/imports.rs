//! Where a relative import leads: the file TypeScript would load for `./x` (or Node,
//! from a JavaScript file), and paths as the user sees them.

use std::path::{Path, PathBuf};

/// Whether a file extension is JavaScript's (`.js`, `.mjs`, `.cjs`).
pub(super) fn is_javascript(extension: &std::ffi::OsStr) -> bool {
    extension == "js" || extension == "mjs" || extension == "cjs"
}

/// The file an import of `base` (already joined to the importing file's folder) loads:
/// from JavaScript the file named first, as Node does; `.js` meaning `.ts`, then the
/// TypeScript extensions and `index` files, as TypeScript resolves them.
pub(super) fn module_file(base: &Path, from_js: bool) -> Option<PathBuf> {
    let base_str = base.to_string_lossy().to_string();
    let mut candidates = Vec::new();
    if from_js {
        candidates.push(base.to_path_buf());
    }
    for (js, ts) in [(".js", ".ts"), (".mjs", ".mts"), (".cjs", ".cts")] {
        if let Some(stem) = base_str.strip_suffix(js) {
            candidates.push(PathBuf::from(format!("{stem}{ts}")));
        }
    }
    candidates.push(base.to_path_buf());
    for ext in [".ts", ".mts", ".cts", ".js"] {
        candidates.push(PathBuf::from(format!("{base_str}{ext}")));
    }
    candidates.push(base.join("index.ts"));
    candidates.push(base.join("index.js"));
    candidates.into_iter().find(|c| c.is_file())
}

/// Resolves `.` and `..` without touching the file system.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` when it lies below it, else as given.
pub(super) fn pathdiff(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .map(|p| p.to_string_lossy().to_string())
        .unwrap_or_else(|_| path.to_string_lossy().to_string())
}
