//! Generated files in the repository are current: completions and the command reference.

use crate::common::{assert_matches_file, repo};
use clap_complete::Shell;

#[test]
fn completions_are_current() {
    for (shell, file) in [
        (Shell::Bash, "ampx-rs.bash"),
        (Shell::Zsh, "_ampx-rs"),
        (Shell::Fish, "ampx-rs.fish"),
        (Shell::PowerShell, "_ampx-rs.ps1"),
        (Shell::Elvish, "ampx-rs.elv"),
    ] {
        let script = ampx_rs::cli::reference::completion_script(shell);
        assert_matches_file(&repo().join("completions").join(file), &script);
    }
}

#[test]
fn completions_command_prints_the_checked_in_script() {
    let out = crate::common::ampx(&repo())
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let checked_in =
        std::fs::read_to_string(repo().join("completions/ampx-rs.bash")).unwrap_or_default();
    assert_eq!(crate::common::stdout(&out), checked_in);
}

#[test]
fn command_reference_is_current() {
    assert_matches_file(
        &repo().join("docs/commands.md"),
        &ampx_rs::cli::reference::markdown(),
    );
}

/// r14: the bash script completes every word, not only the first (checked in bash).
#[cfg(unix)]
#[test]
fn bash_completes_subcommands_and_their_flags() {
    let script = repo().join("completions/ampx-rs.bash");
    let complete = |words: &str| -> String {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
                 _ampx__rs ampx-rs \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
                 echo \"${{COMPREPLY[*]}}\"",
                script.display()
            ))
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete("ampx-rs sa"), "sandbox");
    assert_eq!(complete("ampx-rs sandbox --lo"), "--local");
    assert_eq!(complete("ampx-rs sandbox e"), "env");
    assert_eq!(complete("ampx-rs sandbox env --a"), "--as");
    assert_eq!(complete("ampx-rs cp --rec"), "--recursive");
    assert_eq!(complete("ampx-rs access c"), "check");
}
