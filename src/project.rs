//! The Amplify project a command runs in: the folder holding `amplify/backend.ts`,
//! found by walking up from the working directory as git finds `.git`.

use std::path::{Path, PathBuf};

use crate::error::UsageError;

#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    /// The nearest folder at or above `start` with `amplify/backend.ts`.
    pub fn discover(start: &Path) -> Result<Project, UsageError> {
        start
            .ancestors()
            .find(|dir| dir.join("amplify").join("backend.ts").is_file())
            .map(|root| Project {
                root: root.to_path_buf(),
            })
            .ok_or_else(|| {
                UsageError::new(format!(
                    "no Amplify project found: neither {} nor any parent folder holds amplify/backend.ts",
                    start.display()
                ))
                .hint("run ampx-rs inside an Amplify Gen 2 project (the folder with package.json and amplify/)")
            })
    }

    /// The project's namespace: the `name` in its package.json, as Amplify reads it.
    pub fn namespace(&self) -> Result<String, UsageError> {
        let path = self.root.join("package.json");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("name").and_then(|n| n.as_str()).map(str::to_string))
            .filter(|name| !name.is_empty())
            .ok_or_else(|| {
                UsageError::new("Cannot load name from the package.json").hint(
                    "Ensure you are running ampx commands in root of your project (i.e. in the parent of the \
                     'amplify' directory). Also ensure that your root package.json file has a \"name\" field.",
                )
            })
    }
}
