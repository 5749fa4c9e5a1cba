//! Problems found in definition files, rendered with a code frame.

use std::fmt::Write as _;

use crate::source::{Sources, Span};

/// One problem in the definition. `id` is Amplify's error name where Amplify has the
/// rule, otherwise a stable name of ours (listed in `docs/definition.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub id: &'static str,
    pub message: String,
    pub span: Span,
    pub details: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(id: &'static str, message: impl Into<String>, span: Span) -> Self {
        Self {
            id,
            message: message.into(),
            span,
            details: None,
            hint: None,
        }
    }

    /// A failure already explained by another diagnostic; never shown.
    pub fn silent(span: Span) -> Self {
        Self::new("", "", span)
    }

    pub fn is_silent(&self) -> bool {
        self.id.is_empty()
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }

    /// `[Id] message`, `--> file:line:col`, the code frame, then details and hint.
    pub fn render(&self, sources: &Sources) -> String {
        let mut out = format!("[{}] {}\n", self.id, self.message);
        let frame = sources.code_frame(self.span);
        let gutter = frame.find('|').unwrap_or(1);
        let _ = writeln!(
            out,
            "{}--> {}",
            " ".repeat(gutter.saturating_sub(1)),
            sources.location(self.span)
        );
        let _ = writeln!(out, "{frame}");
        if let Some(details) = &self.details {
            let _ = writeln!(out, "details: {details}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "hint: {hint}");
        }
        out
    }
}

/// Every problem of a definition, with the sources needed to show them.
#[derive(Debug, Clone)]
pub struct Diagnostics {
    pub sources: Sources,
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// All problems, in file then position order, separated by blank lines, with a count.
    pub fn render(&self) -> String {
        let mut sorted: Vec<&Diagnostic> = self.list.iter().collect();
        sorted.sort_by_key(|d| (d.span.file, d.span.start));
        let mut out = String::new();
        for d in &sorted {
            out.push_str(&d.render(&self.sources));
            out.push('\n');
        }
        let n = sorted.len();
        let _ = write!(
            out,
            "error: the backend definition has {n} problem{}",
            if n == 1 { "" } else { "s" }
        );
        out
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}
