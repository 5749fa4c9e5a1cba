//! The left-out block: what a command deploys or serves, every part of the backend it
//! reads past (`file:line  kind  what`), and where those parts are deployed instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::printer::{Printer, shown};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::project::{self, Definition};

/// The flag that deploys storage and auth although left-out code changes access.
pub(super) const WITHOUT_LEFT_OUT_FLAG: &str = "--without-left-out";

/// What the definition holds that ampx-rs handles: `auth and 2 buckets (a, b)`.
/// A referenced auth is no resource of this backend; only the policies on its roles are.
fn handled(definition: &Definition) -> String {
    let backend = &definition.backend;
    let names: Vec<&str> = backend.storages.iter().map(|s| s.name.as_str()).collect();
    let buckets = match names.len() {
        0 => String::new(),
        1 => format!("1 bucket ({})", names[0]),
        n => format!("{n} buckets ({})", names.join(", ")),
    };
    let auth = match &backend.auth {
        Some(auth) if auth.reference.is_some() => "referenceAuth",
        Some(_) => "auth",
        None => return buckets,
    };
    if buckets.is_empty() {
        auth.into()
    } else {
        format!("{auth} and {buckets}")
    }
}

/// The block, or `None` when nothing is left out. `verb` says what the command does
/// with the rest (`deploys`, `serves`, `checks`).
pub(super) fn block(definition: &Definition, verb: &str) -> Option<String> {
    let items = &definition.backend.left_out;
    if items.is_empty() {
        return None;
    }
    let rows: Vec<(String, &str, String)> = items
        .iter()
        .map(|item| {
            let (line, _) = definition.sources.line_col(item.span);
            let place = shown(&format!(
                "{}:{line}",
                definition.sources.get(item.span.file).display
            ))
            .into_owned();
            let what = match item.touches_access {
                true => format!("{}  (touches access)", shown(&item.what)),
                false => shown(&item.what).into_owned(),
            };
            (place, item.kind.as_str(), what)
        })
        .collect();
    let place_width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let kind_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let n = items.len();
    let mut out = format!(
        "ampx-rs {verb} {}; {n} part{} of this backend {} left out:\n",
        handled(definition),
        if n == 1 { "" } else { "s" },
        if n == 1 { "is" } else { "are" }
    );
    for (place, kind, what) in rows {
        let _ = writeln!(out, "  {place:place_width$}  {kind:kind_width$}  {what}");
    }
    out.push_str(
        "Deploy the whole backend, these parts included, with `npx ampx sandbox` (docs/definition.md, \"Left out\").",
    );
    Some(out)
}

/// Prints the block: a warning when a left-out part touches access, else a note; and
/// which entry file was read when a compiled `backend.js` stands beside `backend.ts`.
pub(super) fn print(definition: &Definition, verb: &str, printer: Printer) {
    if let Some(note) = definition.entry_note() {
        printer.note(note);
    }
    let Some(text) = block(definition, verb) else {
        return;
    };
    if definition.backend.left_out.iter().any(|i| i.touches_access) {
        printer.warn(text);
    } else {
        printer.note(text);
    }
}

/// One error for each left-out part that changes who may do what, for the cloud
/// sandbox to stop on.
pub(super) fn access_errors(definition: &Definition) -> Option<Diagnostics> {
    let list: Vec<Diagnostic> = definition
        .backend
        .left_out
        .iter()
        .filter(|item| item.touches_access)
        .map(|item| {
            Diagnostic::new(
                "LeftOutAccessError",
                format!(
                    "this {} changes who may do what, and ampx-rs does not deploy it",
                    item.kind
                ),
                item.span,
            )
            .hint(format!(
                "deploy the whole backend with `npx ampx sandbox`, or pass {WITHOUT_LEFT_OUT_FLAG} \
                 to deploy storage and auth without it"
            ))
        })
        .collect();
    (!list.is_empty()).then(|| Diagnostics {
        sources: definition.sources.clone(),
        list,
    })
}

/// Loads the definition for a sandbox: prints the block whenever it changes and, when
/// `refuse_access`, turns left-out parts that touch access into errors.
pub(super) fn loader(
    root: &Path,
    cwd: &Path,
    verb: &'static str,
    refuse_access: bool,
    printer: Printer,
) -> impl Fn() -> Result<Definition, Diagnostics> + Sync + use<> {
    let root: PathBuf = root.to_path_buf();
    let cwd: PathBuf = cwd.to_path_buf();
    let last_block: Mutex<Option<String>> = Mutex::new(None);
    move || {
        let definition = project::load(&root, &cwd)?;
        if refuse_access && let Some(errors) = access_errors(&definition) {
            return Err(errors);
        }
        let block = block(&definition, verb);
        let mut last = last_block.lock().unwrap_or_else(|e| e.into_inner());
        if *last != block {
            print(&definition, verb, printer);
            *last = block;
        }
        Ok(definition)
    }
}

#[cfg(test)]
mod tests {
    use super::{access_errors, block, loader};
    use crate::cli::printer::Printer;
    use crate::test_support::real_fixture;

    #[test]
    fn control_characters_from_definition_files_are_escaped() {
        let project = crate::test_support::TestProject::new()
            .file(
                "amplify/backend.ts",
                "import { defineBackend } from '@aws-amplify/backend';\nimport { storage } from './storage/resource';\n\
                 const backend = defineBackend({ storage });\nbackend.addOutput('\u{1b}[2J\u{7}');\n",
            )
            .file(
                "amplify/storage/resource.ts",
                "import { defineStorage } from '@aws-amplify/backend';\nexport const storage = defineStorage({ name: 'x' });\n",
            );
        let definition = project.load().expect("valid");
        let text = block(&definition, "deploys").expect("a block");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(
            text.contains("backend.addOutput('\\u{1b}[2J\\u{7}')"),
            "{text}"
        );
    }

    #[test]
    fn the_block_names_each_part_and_the_way_forward() {
        let definition = real_fixture("cdk-grants");
        let text = block(&definition, "deploys").expect("a block");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "ampx-rs deploys auth and 1 bucket (reports); 7 parts of this backend are left out:"
        );
        assert!(
            lines.contains(
                &"  amplify/backend.ts:19  backend code  s3Bucket.grantRead(...)  (touches access)"
            ),
            "{text}"
        );
        assert!(
            lines.last().expect("last").contains("npx ampx sandbox"),
            "{text}"
        );
        assert_eq!(access_errors(&definition).expect("errors").list.len(), 3);
        let plain = crate::test_support::example("team-drive");
        assert!(block(&plain, "deploys").is_none());
        assert!(access_errors(&plain).is_none());
    }

    /// What the sandboxes load on every save: the cloud one refuses left-out parts that
    /// touch access (a save that adds one keeps the last good stack), the local one
    /// serves storage and auth anyway.
    #[test]
    fn the_cloud_loader_refuses_left_out_access_and_the_local_one_serves() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/cdk-grants");
        let quiet = Printer {
            quiet: true,
            verbose: false,
        };
        let cloud = loader(&root, &root, "deploys", true, quiet);
        let refused = cloud().expect_err("refused");
        assert!(refused.list.iter().all(|d| d.id == "LeftOutAccessError"));
        assert_eq!(refused.list.len(), 3);
        let local = loader(&root, &root, "serves", false, quiet);
        assert_eq!(local().expect("served").backend.storages.len(), 1);
        // Left-out parts that do not touch access (a custom stack) are deployed without.
        let plain = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/real/export-default");
        assert!(loader(&plain, &plain, "deploys", true, quiet)().is_ok());
    }
}
