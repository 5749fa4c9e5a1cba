//! Source files of a definition and byte spans into them.

use std::path::{Path, PathBuf};

/// Index of a file in a [`Sources`] set.
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: u32, end: u32) -> Self {
        Self { file, start, end }
    }
}

/// One loaded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the working directory when possible).
    pub display: String,
    /// Path relative to the project root, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
    pub text: String,
}

/// Every file read while evaluating a definition.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path)
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, span: Span) -> (usize, usize) {
        let text = &self.get(span.file).text;
        let offset = clamp_to_char_boundary(text, span.start as usize);
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// `file:line:col` of the start of a span.
    pub fn location(&self, span: Span) -> String {
        let (line, col) = self.line_col(span);
        format!("{}:{line}:{col}", self.get(span.file).display)
    }

    /// A rustc-style code frame: the span's first line with a caret underline.
    pub fn code_frame(&self, span: Span) -> String {
        let text = &self.get(span.file).text;
        let (line_no, col) = self.line_col(span);
        let line = text.lines().nth(line_no - 1).unwrap_or("");
        let start = clamp_to_char_boundary(text, span.start as usize);
        let end = clamp_to_char_boundary(text, (span.end as usize).max(start));
        let on_line = text[start..end].split('\n').next().unwrap_or("");
        let width = on_line.chars().count().max(1);
        let gutter = line_no.to_string().len();
        let pad = " ".repeat(gutter);
        let indent: String = line
            .chars()
            .take(col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        format!(
            "{pad} |\n{line_no} | {line}\n{pad} | {indent}{}",
            "^".repeat(width)
        )
    }
}

fn clamp_to_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Sources {
        let mut s = Sources::default();
        s.add(SourceFile {
            display: "a.ts".into(),
            rel: "a.ts".into(),
            path: "a.ts".into(),
            text: text.into(),
        });
        s
    }

    #[test]
    fn line_and_column_are_one_based() {
        let s = sources("ab\ncdé f\n");
        assert_eq!(s.line_col(Span::new(0, 0, 1)), (1, 1));
        assert_eq!(s.line_col(Span::new(0, 3, 4)), (2, 1));
        assert_eq!(s.line_col(Span::new(0, 8, 9)), (2, 5));
        assert_eq!(s.location(Span::new(0, 8, 9)), "a.ts:2:5");
    }

    #[test]
    fn code_frame_underlines_the_span() {
        let s = sources("const x = 1;\n  'foo': [],\n");
        let frame = s.code_frame(Span::new(0, 15, 20));
        assert_eq!(frame, "  |\n2 |   'foo': [],\n  |   ^^^^^");
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let s = sources("é");
        s.code_frame(Span::new(0, 1, 99));
        s.line_col(Span::new(0, 99, 100));
    }
}
