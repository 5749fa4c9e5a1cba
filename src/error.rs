//! Errors that decide the exit code: usage and input errors exit 2, everything
//! else that fails exits 1 (DESIGN.md, exit codes).

use std::fmt;

/// Bad usage, bad input or bad configuration: exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    pub hint: Option<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UsageError {}

/// A command that could not do its job, with what a person does about it: exit code 1.
/// Its hint, like a usage error's, is shown by [`render`] only, on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The exit code for an error that ended a command.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<UsageError>().is_some()
        || error
            .downcast_ref::<crate::diagnostic::Diagnostics>()
            .is_some()
    {
        2
    } else {
        1
    }
}

/// How an error is shown on stderr: code frames for definition problems, otherwise
/// one line (with its causes) and a `hint:` line when there is one.
pub fn render(error: &anyhow::Error) -> String {
    if let Some(diagnostics) = error.downcast_ref::<crate::diagnostic::Diagnostics>() {
        return diagnostics.render();
    }
    let mut out = format!("error: {error:#}");
    let hint = match (
        error.downcast_ref::<UsageError>(),
        error.downcast_ref::<Failure>(),
    ) {
        (Some(usage), _) => usage.hint.as_deref(),
        (_, Some(failure)) => failure.hint.as_deref(),
        _ => None,
    };
    if let Some(hint) = hint {
        out.push_str("\nhint: ");
        out.push_str(hint);
    }
    out
}
