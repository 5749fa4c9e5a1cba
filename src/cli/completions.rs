//! `ampx-rs completions <shell>`: print a shell completion script.

use super::exit::Exit;
use clap_complete::Shell;

/// Print the completion script for a shell
///
/// For example: `ampx-rs completions bash > ~/.local/share/bash-completion/completions/ampx-rs`.
/// install.sh puts them where each shell looks.
#[derive(Debug, clap::Args)]
pub(super) struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

/// The completion script for `shell`, as checked in under `completions/`.
pub fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "ampx-rs", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        // clap_complete's bash script names the state after the first word `ampx__rs`
        // but its cases after `ampx__subcmd__rs`, so nothing past the first word was
        // ever completed (a known problem with hyphenated binary names).
        Shell::Bash => script.replace("ampx__subcmd__rs__", "ampx__rs__"),
        _ => script,
    }
}

pub(super) fn run(args: &CompletionsArgs) -> anyhow::Result<Exit> {
    use std::io::Write as _;
    std::io::stdout()
        .lock()
        .write_all(script(args.shell).as_bytes())?;
    Ok(Exit::Done)
}
