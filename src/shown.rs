//! Text from outside (object keys, bucket names, file names, strings from definition
//! files) as a terminal shows it: control characters escaped, so a key can neither move
//! the cursor, recolour the terminal nor start a line of its own. Every human line
//! goes through [`terminal_safe`]; names set inside a line go through [`shown`].
//! `--json` output keeps the exact text (JSON escapes control characters itself).

use std::borrow::Cow;

/// A name from outside (an object key, a bucket name, a string from a definition file)
/// as one line of a terminal shows it: every control character, line breaks included,
/// written as `\u{1b}`, so a key can neither move the cursor, recolour the terminal
/// nor start a line of its own. `--json` keeps the exact text (JSON escapes it).
pub fn shown(text: &str) -> Cow<'_, str> {
    escape_controls(text, |_| true)
}

/// Text for the terminal: control characters escaped as [`shown`] does, but for the
/// line breaks and tabs the text is laid out with. Every human line goes through it.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_controls(text, |c| c != '\n' && c != '\t')
}

fn escape_controls(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() && escaped(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match needs(c) {
                true => c.escape_unicode().to_string(),
                false => c.to_string(),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{shown, terminal_safe};

    #[test]
    fn control_characters_never_reach_the_terminal_raw() {
        assert_eq!(
            shown("a\u{1b}[31mb\nc\r\u{7}\u{9b}"),
            "a\\u{1b}[31mb\\u{a}c\\u{d}\\u{7}\\u{9b}"
        );
        assert_eq!(shown("plain é 日本 🦀"), "plain é 日本 🦀");
        assert_eq!(terminal_safe("one\n\ttwo\u{1b}"), "one\n\ttwo\\u{1b}");
    }
}
