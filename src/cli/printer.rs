//! Where each kind of line goes, so `-q` and `--verbose` mean the same in every
//! command: the answer on stdout always, per-object lines and summaries unless `-q`,
//! warnings always on stderr, details of what was resolved only with `--verbose`.

use std::fmt::Display;

use super::settings::GlobalArgs;
pub(super) use crate::shown::{shown, terminal_safe};

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Printer {
    pub quiet: bool,
    pub verbose: bool,
}

impl Printer {
    pub(super) fn new(global: &GlobalArgs) -> Printer {
        Printer {
            quiet: global.quiet,
            verbose: global.verbose,
        }
    }

    /// The answer itself on stdout (a listing row, a URL, a JSON line); never silenced.
    pub(super) fn out(&self, text: impl Display) {
        stdout_line(&terminal_safe(&text.to_string()));
    }

    /// Many lines of the answer at once (a page of a listing): one write, not one per
    /// line.
    pub(super) fn out_block(&self, text: &str) -> std::io::Result<()> {
        use std::io::Write as _;
        std::io::stdout()
            .lock()
            .write_all(terminal_safe(text).as_bytes())
    }

    /// A per-object line (`upload: a to b`), on stderr when stdout carries data.
    pub(super) fn line(&self, to_stderr: bool, text: impl Display) {
        let text = text.to_string();
        match (self.quiet, to_stderr) {
            (true, _) => {}
            (false, true) => eprintln!("{}", terminal_safe(&text)),
            (false, false) => stdout_line(&terminal_safe(&text)),
        }
    }

    /// A summary or status line on stderr, unless `-q`.
    pub(super) fn note(&self, text: impl Display) {
        if !self.quiet {
            super::paint::eprint(&terminal_safe(&text.to_string()));
        }
    }

    /// A problem that does not stop the command; on stderr even with `-q`, its
    /// `warning:` or `hint:` label coloured on a terminal.
    pub(super) fn warn(&self, text: impl Display) {
        super::paint::eprint(&terminal_safe(&text.to_string()));
    }

    /// What was resolved and sent (files read, bucket, region, endpoint): `--verbose`.
    pub(super) fn detail(&self, text: impl Display) {
        if self.verbose {
            eprintln!("{}", terminal_safe(&text.to_string()));
        }
    }
}

/// One line on stdout. When the reader has gone (`ampx-rs ls | head`), the command
/// ends quietly, as `head`'s other writers do, instead of panicking on the closed pipe.
pub(super) fn stdout_line(text: &str) {
    use std::io::Write as _;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{text}")
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}

/// `aws s3`'s human-readable size: `1 Byte`, `12 Bytes`, `1.0 KiB`, `3.4 MiB`.
pub(super) fn human_size(bytes: u64) -> String {
    const SUFFIXES: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if bytes == 1 {
        return "1 Byte".into();
    }
    if bytes < 1024 {
        return format!("{bytes} Bytes");
    }
    let value = bytes as f64;
    for (i, suffix) in SUFFIXES.iter().enumerate() {
        let unit = 1024f64.powi(i as i32 + 2);
        if ((value / unit) * 1024.0).round() < 1024.0 {
            return format!("{:.1} {suffix}", 1024.0 * value / unit);
        }
    }
    format!("{:.1} EiB", value / 1024f64.powi(6))
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_like_aws_s3() {
        let cases = [
            (0, "0 Bytes"),
            (1, "1 Byte"),
            (1023, "1023 Bytes"),
            (1024, "1.0 KiB"),
            (1536, "1.5 KiB"),
            (1024 * 1024 - 1, "1.0 MiB"),
            (5 * 1024 * 1024 * 1024, "5.0 GiB"),
        ];
        for (bytes, text) in cases {
            assert_eq!(human_size(bytes), text, "{bytes}");
        }
    }
}
