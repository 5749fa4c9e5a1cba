//! Colour for what goes to stderr: `error:` and a problem's `[Id]` in red, `warning:` in
//! yellow, `hint:` and `note:` in cyan. Only the label is coloured, never the text a user
//! may copy. anstream writes the colour to a terminal only: not when stderr is piped or
//! redirected, not with `NO_COLOR` set; `CLICOLOR_FORCE=1` keeps it.

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// `text` with its line labels styled (already made terminal-safe by the caller).
pub fn paint(text: &str) -> String {
    text.split_inclusive('\n').map(paint_line).collect()
}

fn paint_line(line: &str) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let labelled = [
        ("error:", ERROR),
        ("warning:", WARNING),
        ("hint:", HINT),
        ("note:", HINT),
    ]
    .into_iter()
    .find(|(label, _)| body.starts_with(label));
    if let Some((label, style)) = labelled {
        return format!("{indent}{style}{label}{style:#}{}", &body[label.len()..]);
    }
    // A definition problem's `[InvalidStorageAccessPathError] ...` heading.
    if let Some(rest) = body.strip_prefix('[')
        && let Some((id, tail)) = rest.split_once(']')
        && !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return format!("{indent}{ERROR}[{id}]{ERROR:#}{tail}");
    }
    line.to_string()
}

/// Prints `text` on stderr, coloured where stderr is a terminal that wants colour.
pub fn eprint(text: &str) {
    anstream::eprintln!("{}", paint(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_labels_are_coloured() {
        let painted = paint(
            "error: no bucket 'x'\nhint: known: a, b\n  warning: left out\nplain line\n[InvalidPathError] bad\n[not an id] text",
        );
        let plain = anstream::adapter::strip_str(&painted).to_string();
        assert_eq!(
            plain,
            "error: no bucket 'x'\nhint: known: a, b\n  warning: left out\nplain line\n[InvalidPathError] bad\n[not an id] text"
        );
        assert!(
            painted.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m no bucket 'x'"),
            "{painted:?}"
        );
        assert!(
            painted.contains("  \u{1b}[1m\u{1b}[33mwarning:\u{1b}[0m left out"),
            "{painted:?}"
        );
        assert!(painted.contains("\nplain line\n"));
        assert!(painted.ends_with("\n[not an id] text"), "{painted:?}");
        assert_eq!(paint("errors: none"), "errors: none");
    }
}
