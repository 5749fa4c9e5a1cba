//! The shape of the crate: dependencies between top-level modules run one way.
//!
//! Reads `src/` as text and collects, for every top-level module, the other top-level
//! modules it names through `crate::` paths (including `use crate::{a, b::c}` groups
//! and `super::` from a top-level file). A cycle fails with the path around it, so a
//! new import that ties two rooms together is caught where it is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/aws/s3.rs` → `aws`), `None` for the
/// crate roots and for test code (`tests.rs`, `*_tests.rs`, `test_support.rs`), which
/// may reach across the layers it tests.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let stem = file.file_stem()?.to_str()?;
    if stem == "tests" || stem.ends_with("_tests") || stem == "test_support" {
        return None;
    }
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// Drops `//` comments so that prose naming `crate::x` is not an import.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Identifiers at the first level of a brace group starting just after `{`.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 1;
    let mut current = String::new();
    let mut at_head = true;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => {
                if !current.is_empty() {
                    heads.push(std::mem::take(&mut current));
                }
                at_head = true;
            }
            c if depth == 1 && at_head && (c.is_alphanumeric() || c == '_') => current.push(c),
            _ if depth == 1 && !current.is_empty() => {
                heads.push(std::mem::take(&mut current));
                at_head = false;
            }
            _ => {}
        }
    }
    if !current.is_empty() {
        heads.push(current);
    }
    heads
}

/// The top-level modules a piece of code names through `prefix` (`crate::`).
fn named_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(group_heads(group));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

fn import_graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(src, f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        let code = code_only(&std::fs::read_to_string(file).expect("a source file"));
        let mut named = named_after(&code, "crate::");
        // `super::` from a top-level file names the crate root.
        if file.parent() == Some(src) {
            named.extend(named_after(&code, "super::"));
        }
        let edges = graph.entry(module.clone()).or_default();
        for name in named {
            if name != module && modules.contains(&name) {
                edges.insert(name);
            }
        }
    }
    graph
}

/// One cycle, as the list of modules around it, if the graph has any.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[test]
fn top_level_modules_import_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = import_graph(&src);
    assert!(graph.len() > 10, "read too few modules: {graph:?}");
    if std::env::var_os("AMPX_SHOW_IMPORTS").is_some() {
        for (module, imports) in &graph {
            eprintln!("{module} → {imports:?}");
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "top-level modules import each other: {}\nmove the shared item to the module both \
             depend on, or pass it in (docs/architecture.md shows which way arrows run)",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_cycle_check_sees_every_way_of_naming_a_module() {
    let code = "use crate::{model::{Backend, Storage}, access, cli};\nlet x = crate::keys::safe();\n\
                // crate::cli in a comment\nuse crate::template::ids;";
    let named = named_after(&code_only(code), "crate::");
    assert_eq!(named, ["model", "access", "cli", "keys", "template"]);

    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&graph), None);
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

/// The files (and sub-folders) of one module folder, as nodes, with the siblings each
/// names through `super::` (a file directly in the folder) or through the folder's full
/// `crate::` path: e.g. in `src/cli/`, `files` → `printer`.
fn sibling_graph(src: &Path, folder: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(folder, &mut files);
    let rel = folder.strip_prefix(src).expect("inside src");
    let crate_path = format!("crate::{}::", rel.to_string_lossy().replace('/', "::"));
    let node = |file: &Path| -> Option<String> {
        let first = file.strip_prefix(folder).ok()?.components().next()?;
        let name = first
            .as_os_str()
            .to_str()?
            .trim_end_matches(".rs")
            .to_string();
        let stem = file.file_stem()?.to_str()?;
        (name != "mod" && stem != "tests" && !stem.ends_with("_tests")).then_some(name)
    };
    let siblings: BTreeSet<String> = files.iter().filter_map(|f| node(f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(me) = node(file) else { continue };
        let code = code_only(&std::fs::read_to_string(file).expect("a source file"));
        let mut named = named_after(&code, &crate_path);
        if file.parent() == Some(folder) {
            named.extend(named_after(&code, "super::"));
        }
        let edges = graph.entry(me.clone()).or_default();
        for name in named {
            if name != me && siblings.contains(&name) {
                edges.insert(name);
            }
        }
    }
    graph
}

#[test]
fn files_inside_each_module_import_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            if entry.path().is_dir() {
                folders.push(entry.path());
                stack.push(entry.path());
            }
        }
    }
    assert!(folders.iter().any(|f| f.ends_with("cli")), "{folders:?}");
    for folder in folders {
        let graph = sibling_graph(&src, &folder);
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "files of {} import each other: {}\nmove the shared item to a file both use \
                 (as cli/settings.rs holds the global flags)",
                folder.strip_prefix(&src).expect("inside").display(),
                cycle.join(" → ")
            );
        }
    }
}
