//! Generated files in the repository are current: completions and the command reference.

use crate::common::{assert_matches_file, repo, required_env};
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
    assert_eq!(complete("ampx-rs sandbox --loc"), "--local");
    assert_eq!(complete("ampx-rs sandbox e"), "env");
    assert_eq!(complete("ampx-rs sandbox env --a"), "--as");
    assert_eq!(complete("ampx-rs cp --rec"), "--recursive");
    assert_eq!(complete("ampx-rs access c"), "check");
}

/// The zsh and fish scripts, in the shells themselves: zsh with compinit and a Tab
/// typed into an interactive shell (tests/shell/complete.zsh), fish with `complete -C`.
#[test]
#[ignore = "needs zsh and fish, which tests/run.sh installs"]
fn zsh_and_fish_complete_every_word() {
    let zsh = required_env("AMPX_TEST_ZSH");
    let fish = required_env("AMPX_TEST_FISH");
    let zsh_line = |words: &str| -> String {
        let out = std::process::Command::new(&zsh)
            .arg(repo().join("tests/shell/complete.zsh"))
            .arg(repo().join("completions"))
            .arg(words)
            .output()
            .expect("zsh runs");
        assert!(
            out.status.success(),
            "zsh showed no command line for {words:?}"
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    };
    assert_eq!(zsh_line("ampx-rs sa"), "ampx-rs sandbox");
    assert_eq!(zsh_line("ampx-rs sandbox --loc"), "ampx-rs sandbox --local");
    assert_eq!(zsh_line("ampx-rs sandbox e"), "ampx-rs sandbox env");
    assert_eq!(zsh_line("ampx-rs cp --rec"), "ampx-rs cp --recursive");
    assert_eq!(zsh_line("ampx-rs access c"), "ampx-rs access check");
    let fish_words = |words: &str| -> Vec<String> {
        let out = std::process::Command::new(&fish)
            .arg("-c")
            .arg(format!(
                "source '{}'; complete -C '{words}'",
                repo().join("completions/ampx-rs.fish").display()
            ))
            .output()
            .expect("fish runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(fish_words("ampx-rs sa"), ["sandbox"]);
    assert_eq!(fish_words("ampx-rs sandbox --loc"), ["--local"]);
    assert_eq!(fish_words("ampx-rs sandbox e"), ["env"]);
    assert_eq!(fish_words("ampx-rs cp --rec"), ["--recursive"]);
    assert_eq!(fish_words("ampx-rs access c"), ["check"]);
}
