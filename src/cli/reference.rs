//! The command reference in `docs/commands.md`, generated from the clap definitions
//! so it never drifts from `--help`.

use std::fmt::Write as _;

pub use super::completions::script as completion_script;

fn section(out: &mut String, cmd: &mut clap::Command, path: &str) {
    let _ = writeln!(out, "## `{path}`\n");
    let help = cmd.render_long_help().to_string();
    let _ = writeln!(out, "```text\n{}\n```\n", help.trim_end());
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(sub) = cmd.find_subcommand_mut(&name) {
            section(out, sub, &format!("{path} {name}"));
        }
    }
}

/// The whole command reference as Markdown.
pub fn markdown() -> String {
    let mut cmd = super::command().term_width(100);
    cmd.build();
    let mut out = String::from(
        "# Command reference\n\n<!-- Generated from the clap definitions by `cargo test` \
         (AMPX_UPDATE_GENERATED=1 rewrites it). Do not edit. -->\n\n",
    );
    section(&mut out, &mut cmd, "ampx-rs");
    out
}
