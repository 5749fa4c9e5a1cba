//! The Amplify project a command runs in: the folder holding `amplify/backend.ts` (or
//! `.js`, `.mjs`, `.cjs`), found by walking up from the working directory as git finds
//! `.git`, and its checked definition.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::UsageError;
use crate::model::Backend;
use crate::outputs::Summary;
use crate::source::{self, Sources};
use crate::{definition, template, validate};

#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    /// The nearest folder at or above `start` with a backend entry file.
    pub fn discover(start: &Path) -> Result<Project, UsageError> {
        start
            .ancestors()
            .find(|dir| entry(dir).is_some())
            .map(|root| Project {
                root: root.to_path_buf(),
            })
            .ok_or_else(|| {
                UsageError::new(format!(
                    "no Amplify project found: neither {} nor any parent folder holds amplify/backend.ts (or backend.js, .mjs, .cjs)",
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

/// A checked backend, the files it was read from, and its CloudFormation template
/// (synthesized once, as the limit checks need it anyway).
#[derive(Debug, Clone)]
pub struct Definition {
    pub backend: Backend,
    pub sources: Sources,
    template: serde_json::Value,
    /// Which entry file was read, when that is worth saying ([`entry_note`]).
    entry_note: Option<String>,
}

impl Definition {
    /// Which entry file was read, when a compiled `backend.js` stands beside
    /// `backend.ts`.
    pub fn entry_note(&self) -> Option<&str> {
        self.entry_note.as_deref()
    }

    /// The CloudFormation template of this backend, recording its outputs summary.
    pub fn template(&self) -> &serde_json::Value {
        &self.template
    }
}

/// The names Amplify's `BackendLocator` tries, in its order: JavaScript first, "in case
/// customers have their own compilation process".
const ENTRY_NAMES: [&str; 4] = ["backend.js", "backend.mjs", "backend.cjs", "backend.ts"];

/// The backend entry file of the project at `root`, found as Amplify finds it.
pub fn entry(root: &Path) -> Option<PathBuf> {
    ENTRY_NAMES
        .iter()
        .map(|name| root.join("amplify").join(name))
        .find(|path| path.is_file())
}

/// When the entry read is JavaScript and `backend.ts` is beside it: which file is read.
pub fn entry_note(root: &Path) -> Option<String> {
    let entry = entry(root)?;
    let name = entry.file_name()?.to_string_lossy().into_owned();
    (name != "backend.ts" && root.join("amplify").join("backend.ts").is_file()).then(|| {
        format!(
            "note: reading amplify/{name}, not amplify/backend.ts beside it: Amplify reads JavaScript first (for projects that compile their own), so {name} is what it deploys"
        )
    })
}

/// Reads the project's backend entry (see [`entry`]) and everything it imports,
/// evaluates it and runs every check. `cwd` only shapes how file names are shown.
pub fn load(root: &Path, cwd: &Path) -> Result<Definition, Diagnostics> {
    let backend_file = entry(root).unwrap_or_else(|| root.join("amplify").join("backend.ts"));
    let text = source::read_text(&backend_file).unwrap_or_default();
    let mut definition = evaluate(root, cwd, &backend_file, text)?;
    definition.entry_note = entry_note(root);
    Ok(definition)
}

/// Evaluates and checks a backend whose entry file text is already in memory.
pub fn evaluate(
    root: &Path,
    cwd: &Path,
    backend_file: &Path,
    text: String,
) -> Result<Definition, Diagnostics> {
    let evaluated = definition::evaluate(root, cwd, backend_file, text);
    let mut errors = evaluated.errors;
    if let Some(backend) = &evaluated.backend {
        errors.extend(validate::validate(backend, &evaluated.sources));
    }
    let checked = match evaluated.backend {
        Some(backend) if errors.is_empty() => Some(backend),
        _ => None,
    };
    let Some(backend) = checked else {
        return Err(Diagnostics {
            sources: evaluated.sources,
            list: errors,
        });
    };
    let template = template::synthesize(&backend, &Summary::of(&backend));
    let broken: Vec<Diagnostic> = template::broken_limits(&backend, &template)
        .into_iter()
        .map(|problem| {
            Diagnostic::new("TemplateLimitError", problem, backend.span)
                .hint("split the backend: fewer buckets, or fewer groups, per sandbox")
        })
        .collect();
    if !broken.is_empty() {
        return Err(Diagnostics {
            sources: evaluated.sources,
            list: broken,
        });
    }
    Ok(Definition {
        backend,
        sources: evaluated.sources,
        template,
        entry_note: None,
    })
}
