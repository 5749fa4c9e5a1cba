//! Who gains and who loses: the difference between two definitions' access tables, as
//! rows of principal × access path × action. The local and cloud sandboxes print it
//! before new rules apply, and `access diff` between a git revision and the files.

use std::collections::{BTreeMap, BTreeSet};

use super::table;
use crate::model::{Action, Backend};

/// One cell of the access table that changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The storage's friendly name.
    pub bucket: String,
    /// The access path, as written (`photos/{entity_id}/*`).
    pub path: String,
    /// A column of the access table: `guest`, `authenticated`, `owner`, `group:NAME`.
    pub principal: String,
    pub action: Action,
    /// Gained, or lost.
    pub gained: bool,
}

/// The access table as cells: (bucket, path, principal) → actions allowed.
pub type Cells = BTreeMap<(String, String, String), BTreeSet<Action>>;

/// Every cell of a backend's access table that allows something.
pub fn cells(backend: &Backend) -> Cells {
    let mut out = Cells::new();
    for bucket in table(backend, None) {
        for row in &bucket.rows {
            for (principal, cell) in bucket.principals.iter().zip(&row.cells) {
                let actions: BTreeSet<Action> = cell.iter().flatten().copied().collect();
                if !actions.is_empty() {
                    out.insert(
                        (bucket.bucket.clone(), row.path.clone(), principal.clone()),
                        actions,
                    );
                }
            }
        }
    }
    out
}

/// What changes from `before` to `after`: losses first, then gains, each sorted.
pub fn diff(before: &Backend, after: &Backend) -> Vec<Change> {
    between(&cells(before), &cells(after))
}

/// [`diff`] of two tables.
pub fn between(before: &Cells, after: &Cells) -> Vec<Change> {
    let empty = BTreeSet::new();
    let keys: BTreeSet<&(String, String, String)> = before.keys().chain(after.keys()).collect();
    let mut changes = Vec::new();
    for key in keys {
        let (was, is) = (
            before.get(key).unwrap_or(&empty),
            after.get(key).unwrap_or(&empty),
        );
        let (bucket, path, principal) = key;
        let change = |action: &Action, gained| Change {
            bucket: bucket.clone(),
            path: path.clone(),
            principal: principal.clone(),
            action: *action,
            gained,
        };
        changes.extend(was.difference(is).map(|a| change(a, false)));
        changes.extend(is.difference(was).map(|a| change(a, true)));
    }
    changes.sort_by_key(|c| (c.gained, c.clone()));
    changes
}

/// `cells` with the changes made: the inverse of [`diff`] (for its tests, and for
/// anyone checking a diff).
pub fn apply(mut cells: Cells, changes: &[Change]) -> Cells {
    for change in changes {
        let key = (
            change.bucket.clone(),
            change.path.clone(),
            change.principal.clone(),
        );
        let actions = cells.entry(key.clone()).or_default();
        if change.gained {
            actions.insert(change.action);
        } else {
            actions.remove(&change.action);
        }
        if actions.is_empty() {
            cells.remove(&key);
        }
    }
    cells
}

/// A table as JSON, to keep what was applied: `[{bucket, path, principal, actions}]`.
pub fn to_json(cells: &Cells) -> serde_json::Value {
    cells
        .iter()
        .map(|((bucket, path, principal), actions)| {
            let actions: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
            serde_json::json!({ "bucket": bucket, "path": path, "principal": principal, "actions": actions })
        })
        .collect()
}

/// A table read back from [`to_json`]; `None` if it is not one.
pub fn from_json(value: &serde_json::Value) -> Option<Cells> {
    let mut cells = Cells::new();
    for row in value.as_array()? {
        let text = |name: &str| row[name].as_str().map(str::to_string);
        let actions = row["actions"]
            .as_array()?
            .iter()
            .map(|a| {
                Action::ALL
                    .into_iter()
                    .find(|x| Some(x.as_str()) == a.as_str())
            })
            .collect::<Option<BTreeSet<Action>>>()?;
        cells.insert(
            (text("bucket")?, text("path")?, text("principal")?),
            actions,
        );
    }
    Some(cells)
}

/// The table last applied, kept at `path` (empty when there is none).
pub fn load(path: &std::path::Path) -> Cells {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .and_then(|value| from_json(&value))
        .unwrap_or_default()
}

/// Keeps `cells` at `path` as the table applied, in one step.
pub fn save(path: &std::path::Path, cells: &Cells) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer(&mut file, &to_json(cells))?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Objects counted under a path, at most (more are shown as `1000+`).
pub const COUNTED_AT_MOST: usize = 1000;

/// A row with the objects that exist under its path: `- guest loses write on
/// 'photos/*' (3 objects there)`; `count` is `None` where they could not be counted.
pub fn render_counted(change: &Change, count: Option<usize>) -> String {
    let objects = match count {
        None | Some(0) => String::new(),
        Some(1) => " (1 object there)".to_string(),
        Some(n) if n > COUNTED_AT_MOST => format!(" ({COUNTED_AT_MOST}+ objects there)"),
        Some(n) => format!(" ({n} objects there)"),
    };
    format!("{}{objects}", render(change))
}

/// The lines a sandbox prints for `changes` (a heading per bucket, a row per change
/// with its objects, `counts` in the same order) and how many objects lose access.
pub fn report(changes: &[Change], counts: &[Option<usize>]) -> (Vec<String>, usize) {
    let mut lines = Vec::new();
    let mut losing = 0;
    let mut bucket = None;
    for (change, count) in changes.iter().zip(counts) {
        if bucket != Some(&change.bucket) {
            lines.push(format!("[Sandbox] Access changes in {}:", change.bucket));
            bucket = Some(&change.bucket);
        }
        if !change.gained {
            losing += count.unwrap_or(0);
        }
        lines.push(format!("[Sandbox]   {}", render_counted(change, *count)));
    }
    (lines, losing)
}

/// `- guest loses write on 'photos/*'`.
pub fn render(change: &Change) -> String {
    format!(
        "{} {} {} {} on '{}'",
        if change.gained { "+" } else { "-" },
        change.principal,
        if change.gained { "gains" } else { "loses" },
        change.action.as_str(),
        change.path
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::storage_project;

    fn backend(access: &str) -> Backend {
        storage_project(&["admin"], access)
            .load()
            .expect("valid")
            .backend
    }

    #[test]
    fn a_renamed_path_loses_everything_and_the_new_one_gains_it() {
        let before = backend(
            "({ 'photos/*': [allow.guest.to(['read']), allow.groups(['admin']).to(['read', 'write'])] })",
        );
        let after = backend("({ 'pics/*': [allow.guest.to(['read'])] })");
        let lines: Vec<String> = diff(&before, &after).iter().map(render).collect();
        assert_eq!(
            lines,
            [
                "- group:admin loses get on 'photos/*'",
                "- group:admin loses list on 'photos/*'",
                "- group:admin loses write on 'photos/*'",
                "- guest loses get on 'photos/*'",
                "- guest loses list on 'photos/*'",
                "+ guest gains get on 'pics/*'",
                "+ guest gains list on 'pics/*'",
            ]
        );
        assert!(diff(&before, &before).is_empty());
        let table = cells(&before);
        assert_eq!(from_json(&to_json(&table)), Some(table));
        assert_eq!(from_json(&serde_json::json!([{ "bucket": "b" }])), None);
    }

    #[test]
    fn a_new_sub_path_takes_its_parents_grants_away_there() {
        let before = backend("({ 'docs/*': [allow.authenticated.to(['read'])] })");
        let after = backend(
            "({ 'docs/*': [allow.authenticated.to(['read'])], 'docs/private/*': [allow.groups(['admin']).to(['read'])] })",
        );
        let lines: Vec<String> = diff(&before, &after).iter().map(render).collect();
        assert_eq!(
            lines,
            [
                "+ group:admin gains get on 'docs/private/*'",
                "+ group:admin gains list on 'docs/private/*'",
            ]
        );
    }

    /// For random pairs of definitions, the first's table with the diff applied is the
    /// second's.
    #[test]
    fn applying_the_diff_to_the_first_table_gives_the_second() {
        use proptest::prelude::*;
        let access = prop::collection::vec(
            (
                prop::sample::select(vec!["a/*", "a/b/*", "c/*", "c/{entity_id}/*", "d/*"]),
                prop::sample::select(vec![
                    "allow.guest",
                    "allow.authenticated",
                    "allow.groups(['admin'])",
                    "allow.entity('identity')",
                ]),
                prop::sample::subsequence(vec!["get", "list", "write", "delete"], 1..=4),
            ),
            0..5,
        );
        let render_access = |rules: &[(&str, &str, Vec<&str>)]| {
            let mut paths: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for (path, who, actions) in rules {
                let entry = paths.entry(path).or_default();
                let who_used = entry.iter().any(|r| r.starts_with(who));
                let owner_ok = *who != "allow.entity('identity')" || path.contains("{entity_id}");
                if !who_used && owner_ok {
                    let list = actions
                        .iter()
                        .map(|a| format!("'{a}'"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    entry.push(format!("{who}.to([{list}])"));
                }
            }
            // Amplify refuses a path that is a prefix of an owner path: leave those out.
            if paths.contains_key("c/{entity_id}/*") {
                paths.remove("c/*");
            }
            let body = paths
                .iter()
                .map(|(p, r)| format!("'{p}': [{}]", r.join(", ")))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({{ {body} }})")
        };
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 48,
            ..Default::default()
        });
        runner
            .run(&(access.clone(), access), |(one, two)| {
                let (before, after) =
                    (backend(&render_access(&one)), backend(&render_access(&two)));
                let changes = diff(&before, &after);
                prop_assert_eq!(apply(cells(&before), &changes), cells(&after));
                Ok(())
            })
            .expect("the diff is exact");
    }
}
