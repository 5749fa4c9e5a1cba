//! Static evaluation of an Amplify Gen 2 backend definition (`amplify/backend.ts` and
//! the files it imports) into the typed [`Backend`](crate::model::Backend) model.

pub mod diagnostic;
mod eval;
pub mod source;
mod syntax;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use source::{SourceFile, Sources, Span};

use crate::model::Backend;

/// A checked backend and the files it was read from.
#[derive(Debug, Clone)]
pub struct Definition {
    pub backend: Backend,
    pub sources: Sources,
}

/// Reads `<root>/amplify/backend.ts` and everything it imports, evaluates it and runs
/// every check. `cwd` only shapes how file names are shown.
pub fn load(root: &Path, cwd: &Path) -> Result<Definition, Diagnostics> {
    let backend_file = root.join("amplify").join("backend.ts");
    let text = source::read_text(&backend_file).unwrap_or_default();
    evaluate(root, cwd, &backend_file, text)
}

/// Evaluates and checks a backend whose entry file text is already in memory.
pub fn evaluate(
    root: &Path,
    cwd: &Path,
    backend_file: &Path,
    text: String,
) -> Result<Definition, Diagnostics> {
    let mut evaluator = eval::Evaluator::new(root, cwd);
    let backend = evaluator.run(backend_file, text);
    let mut errors = std::mem::take(&mut evaluator.errors);
    errors.retain(|d| !d.is_silent());
    if let Some(backend) = &backend {
        errors.extend(crate::validate::validate(backend, &evaluator.sources));
    }
    match backend {
        Some(backend) if errors.is_empty() => Ok(Definition {
            backend,
            sources: evaluator.sources,
        }),
        _ => Err(Diagnostics {
            sources: evaluator.sources,
            list: errors,
        }),
    }
}

#[cfg(test)]
mod tests;
