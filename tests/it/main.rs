//! The integration tests: one binary (as ripgrep and cargo have it), so `tests/common`
//! and the crate are compiled and linked once. Tests that need the local servers
//! `tests/run.sh` starts are `#[ignore]`d with that reason and run by it.

// Scenario tests read top to bottom, as a user would run the commands; test binaries
// print what they saw when they fail.
#![allow(clippy::too_many_lines, clippy::print_stdout, clippy::print_stderr)]

mod common;

mod access;
mod amplify_oracle;
mod browse;
mod cfn_lint;
mod credentials;
mod denials;
mod escapes;
mod files;
mod generated;
mod iam_agreement;
mod info;
mod local;
mod npm;
mod readme;
mod s3_behaviours;
mod sandbox;
mod structure;
mod sync;
mod synth;
mod user_pool;
