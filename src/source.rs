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

    /// 1-based line and column (in characters) of a byte offset. Lines end with `\n`,
    /// `\r\n` or a lone `\r`, as JavaScript's do.
    pub fn line_col(&self, span: Span) -> (usize, usize) {
        let text = &self.get(span.file).text;
        let offset = clamp_to_char_boundary(text, span.start as usize);
        let starts = line_starts(text);
        let line = starts.partition_point(|&s| s <= offset);
        let col = text[starts[line - 1]..offset].chars().count() + 1;
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
        let starts = line_starts(text);
        let line = starts
            .get(line_no - 1)
            .map(|&s| text[s..].split(['\r', '\n']).next().unwrap_or(""))
            .unwrap_or("");
        let start = clamp_to_char_boundary(text, span.start as usize);
        let end = clamp_to_char_boundary(text, (span.end as usize).max(start));
        let on_line = text[start..end].split(['\r', '\n']).next().unwrap_or("");
        // A long line is shown as a window around the span, so a minified or generated
        // line of megabytes never floods the terminal.
        let chars: Vec<char> = line.chars().collect();
        let caret = (col - 1).min(chars.len());
        let from = caret.saturating_sub(FRAME_BEFORE);
        let to = chars.len().min(caret + FRAME_AFTER);
        let lead = if from > 0 { "…" } else { "" };
        let tail = if to < chars.len() { "…" } else { "" };
        let shown: String = chars[from..to].iter().collect();
        let width = on_line.chars().count().clamp(1, (to - caret).max(1));
        let gutter = line_no.to_string().len();
        let pad = " ".repeat(gutter);
        let indent: String = lead
            .chars()
            .chain(chars[from..caret].iter().copied())
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        format!(
            "{pad} |\n{line_no} | {lead}{shown}{tail}\n{pad} | {indent}{}",
            "^".repeat(width)
        )
    }
}

/// Characters of a long line shown before and after the start of a span.
const FRAME_BEFORE: usize = 60;
const FRAME_AFTER: usize = 100;

/// Byte offsets where lines start: 0, and after each `\n`, `\r\n` or lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// A source file's text: invalid UTF-8 (Latin-1 in a comment, say) is replaced, not
/// fatal, so the rest of the file is still read and located.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
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

    /// r13: CR-only and CRLF line endings count lines as `\n` does.
    #[test]
    fn r13_every_line_ending_counts() {
        for text in ["a\nbb\nccc x", "a\r\nbb\r\nccc x", "a\rbb\rccc x"] {
            let s = sources(text);
            let at = text.find('x').expect("x") as u32;
            assert_eq!(s.line_col(Span::new(0, at, at + 1)), (3, 5), "{text:?}");
            assert_eq!(
                s.code_frame(Span::new(0, at, at + 1)),
                "  |\n3 | ccc x\n  |     ^"
            );
        }
    }

    #[test]
    fn a_long_line_is_shown_around_the_span() {
        let text = format!("{}HERE{}", "a".repeat(5000), "b".repeat(5000));
        let s = sources(&text);
        let frame = s.code_frame(Span::new(0, 5000, 5004));
        let lines: Vec<&str> = frame.lines().collect();
        assert_eq!(
            lines[1],
            format!("1 | …{}HERE{}…", "a".repeat(60), "b".repeat(96))
        );
        assert_eq!(lines[2], format!("  | {}^^^^", " ".repeat(61)));
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let s = sources("é");
        s.code_frame(Span::new(0, 1, 99));
        s.line_col(Span::new(0, 99, 100));
    }
}
