//! Static evaluation of an Amplify Gen 2 backend definition (`amplify/backend.ts` and
//! the files it imports) into the typed [`Backend`](crate::model::Backend) model.
//! Checking the model against Amplify's rules is `validate`'s job; `project::load`
//! composes the two.

mod auth;
mod eval;
mod imports;
mod left_out;
mod storage;
mod strings;
mod syntax;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Backend;
use crate::source::Sources;

/// What evaluating a definition gives: the model when it could be built, the files
/// read, and every problem found on the way.
#[derive(Debug)]
pub struct Evaluated {
    pub backend: Option<Backend>,
    pub sources: Sources,
    pub errors: Vec<Diagnostic>,
}

/// Evaluates the entry file `backend_file` (text already in memory) and everything it
/// imports. `cwd` only shapes how file names are shown.
pub fn evaluate(root: &Path, cwd: &Path, backend_file: &Path, text: String) -> Evaluated {
    let mut evaluator = eval::Evaluator::new(root, cwd);
    let backend = evaluator.run(backend_file, text);
    let mut errors = std::mem::take(&mut evaluator.errors);
    errors.retain(|d| !d.is_silent());
    // A construct read twice (a shared `const`) is one problem, reported once.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|d| seen.insert((d.span, d.id, d.message.clone())));
    Evaluated {
        backend,
        sources: evaluator.sources,
        errors,
    }
}

#[cfg(test)]
mod tests;
