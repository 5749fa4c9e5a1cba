//! Errors that decide the exit code: usage and input errors exit 2, everything
//! else that fails exits 1 (DESIGN.md, exit codes).

use std::fmt;
use std::marker::PhantomData;

/// An error with what a person does about it: a message, and a hint that only
/// [`render`] shows, on a line of its own (so it never lands mid-line inside a
/// `.context()`). `K` says which exit code it ends the command with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hinted<K> {
    pub message: String,
    pub hint: Option<String>,
    kind: PhantomData<K>,
}

/// Bad usage, bad input or bad configuration: exit code 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage;
pub type UsageError = Hinted<Usage>;

/// A command that could not do its job: exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failed;
pub type Failure = Hinted<Failed>;

impl<K> Hinted<K> {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            kind: PhantomData,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl<K> fmt::Display for Hinted<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<K: fmt::Debug> std::error::Error for Hinted<K> {}

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
    let hint = error
        .downcast_ref::<UsageError>()
        .map(|usage| &usage.hint)
        .or_else(|| error.downcast_ref::<Failure>().map(|failure| &failure.hint))
        .and_then(Option::as_deref);
    if let Some(hint) = hint {
        out.push_str("\nhint: ");
        out.push_str(hint);
    }
    out
}
