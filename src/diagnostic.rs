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

/// Past this many problems, the last line counts them by cause.
const GROUP_ABOVE: usize = 5;

/// `8 × InvalidStorageAccessPathError, 5 × UnsupportedPropertyError`, most first.
fn by_cause(list: &[&Diagnostic]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for d in list {
        match counts.iter_mut().find(|(id, _)| *id == d.id) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.id, 1)),
        }
    }
    counts.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
    counts
        .iter()
        .map(|(id, n)| format!("{n} × {id}"))
        .collect::<Vec<_>>()
        .join(", ")
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
        if n > GROUP_ABOVE {
            let _ = write!(out, ": {}", by_cause(&sorted));
        }
        out
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_problems_end_with_a_count_by_cause() {
        let d = |id| Diagnostic::new(id, "m", Span::default());
        let mut sources = Sources::default();
        sources.add(crate::source::SourceFile {
            display: "a.ts".into(),
            rel: "a.ts".into(),
            path: "a.ts".into(),
            text: "x".into(),
        });
        let few = Diagnostics {
            sources: sources.clone(),
            list: vec![d("A"), d("B")],
        };
        assert!(few.render().ends_with("has 2 problems"));
        let many = Diagnostics {
            sources,
            list: vec![d("B"), d("A"), d("B"), d("C"), d("B"), d("A")],
        };
        assert!(
            many.render()
                .ends_with("has 6 problems: 3 × B, 2 × A, 1 × C"),
            "{}",
            many.render()
        );
    }
}
