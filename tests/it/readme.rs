//! The README's set-up commands, as a new user pastes them: in order, in a shell with
//! an empty HOME and no AWS configuration, from a copy of the files they touch. Only
//! the build is skipped: `install.sh` installs the binary under test
//! (AMPX_INSTALL_BINARY), so the test costs no release build.

use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{Log, copy_dir, repo, required_env};

/// The ```sh blocks of a README section, in order.
fn sh_blocks(readme: &str, section: &str) -> Vec<String> {
    let start = readme
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("README has a section {section}"));
    // The section runs from its heading to the next one.
    let body = &readme[start + 1..];
    let heading_end = body.find('\n').unwrap_or(body.len());
    let end = body[heading_end..]
        .find("\n## ")
        .map_or(body.len(), |i| heading_end + i);
    body[..end]
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("\n```").next().expect("closed").to_string())
        .collect()
}

/// A shell with nothing of this machine's set-up: an empty HOME, the system PATH (and
/// the AWS CLI's folder, which the README assumes installed), no AWS variables.
fn fresh_shell(home: &Path, cwd: &Path, aws_cli_dir: &Path, script: &str) -> Command {
    let mut shell = Command::new("bash");
    shell
        .args(["-c", script])
        .current_dir(cwd)
        .env_clear()
        .env("HOME", home)
        .env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", aws_cli_dir.display()),
        )
        .env(
            "AMPX_INSTALL_BINARY",
            assert_cmd::cargo::cargo_bin("ampx-rs"),
        );
    shell
}

#[cfg(unix)]
#[test]
#[ignore = "needs the AWS CLI that tests/run.sh installs"]
fn the_readme_set_up_commands_pass_in_an_empty_home() {
    let aws_cli = std::path::PathBuf::from(required_env("AMPX_TEST_AWS_CLI"));
    let aws_cli_dir = aws_cli.parent().expect("the AWS CLI's folder");
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let blocks = sh_blocks(&readme, "Set up");
    let install = blocks
        .iter()
        .find(|b| b.contains("./install.sh"))
        .expect("an install command");
    let second_terminal = blocks
        .iter()
        .find(|b| b.contains("export PATH="))
        .expect("the second terminal's commands");

    let checkout = tempfile::tempdir().expect("dir");
    std::fs::copy(
        repo().join("install.sh"),
        checkout.path().join("install.sh"),
    )
    .expect("copy");
    let example = checkout.path().join("examples/team-drive");
    std::fs::create_dir_all(&example).expect("mkdir");
    copy_dir(&repo().join("examples/team-drive"), &example);
    let home = tempfile::tempdir().expect("home");

    // The first terminal: install, then the local sandbox, which runs until stopped.
    let mut first = fresh_shell(home.path(), checkout.path(), aws_cli_dir, install);
    let mut first = first
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("bash runs");
    let out_log = Log::follow(first.stdout.take().expect("stdout"));
    let err_log = Log::follow(first.stderr.take().expect("stderr"));
    err_log.wait_for("Local buckets ready", 1);
    assert!(
        out_log.text().contains("installed "),
        "install.sh said: {}",
        out_log.text()
    );
    assert!(home.path().join(".local/bin/ampx-rs").exists());

    // The second terminal: each line as pasted, its exit status recorded after it.
    let lines: Vec<&str> = second_terminal
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let script: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| format!("{line}\necho \"::line {i} exit $?\"\n"))
        .collect();
    let second = fresh_shell(home.path(), &example, aws_cli_dir, &script)
        .output()
        .expect("bash runs");
    let said = String::from_utf8_lossy(&second.stdout).to_string();
    let errors = String::from_utf8_lossy(&second.stderr).to_string();
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", first.id())])
        .status();
    let _ = first.wait();

    for (i, line) in lines.iter().enumerate() {
        // The README says which line is refused, and why.
        let expected = if line.contains("AccessDenied") || line.contains("denied (exit 1)") {
            1
        } else {
            0
        };
        assert!(
            said.contains(&format!("::line {i} exit {expected}\n")),
            "`{line}` should exit {expected}:\n{said}\n{errors}"
        );
    }
    assert!(said.contains("hello\n"), "curl fetched the upload: {said}");
    assert!(
        said.contains("a.txt"),
        "ls and the AWS CLI list the upload: {said}"
    );
    assert!(
        said.contains("no rule lets guest delete"),
        "access why says why: {said}"
    );
    assert!(
        err_log.text().contains("no rule lets guest write"),
        "the sandbox's terminal says why the upload was refused: {}",
        err_log.text()
    );
}

#[test]
fn readme_sections_split_into_their_sh_blocks() {
    let text = "# T\n\n## Set up\n\n```sh\na\nb\n```\n\ntext\n\n```sh\nc\n```\n\n## Next\n\n```sh\nd\n```\n";
    assert_eq!(sh_blocks(text, "Set up"), ["a\nb", "c"]);
    assert_eq!(sh_blocks(text, "Next"), ["d"]);
}
