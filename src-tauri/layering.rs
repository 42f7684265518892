//! The shell's modules import one another in one direction only. The window and the tray
//! are surfaces on top; the state, the view and the engine's callers are below them;
//! what changes the state does not call up into whatever shows it, it publishes and the
//! surfaces follow (`Shell::links`). An import circle ties every module in it to every
//! other, so this test reads the shell's source and fails, naming the circle, when one
//! appears.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`commands::token`) → the modules it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The modules under `root` (`main.rs` is the root module; `build.rs` and this file are
/// not part of the graph).
fn modules(root: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            if ["main", "build", "layering"].contains(&name.as_str()) {
                continue;
            }
            found.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    found
}

/// The longest module among `known` that `path` (`a::b::item`) starts with.
fn module_of(path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").map(str::trim).collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|candidate| known.contains_key(candidate))
}

/// The paths after `prefix` in `code`: `crate::a::b` gives `a::b`, `crate::{a, b::c}`
/// gives `a` and `b::c`.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            paths.extend(group.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()));
        } else {
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            paths.push(rest[..end].trim_end_matches(':').to_owned());
        }
    }
    paths
}

fn graph(known: &BTreeMap<String, String>) -> Graph {
    known
        .iter()
        .map(|(name, source)| {
            // Comments name modules without depending on them.
            let code: String =
                source.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            let parent = name.rsplit_once("::").map(|(parent, _)| parent);
            let mut named: Vec<String> = paths_after(&code, "crate::");
            if let Some(parent) = parent {
                named.extend(paths_after(&code, "super::").into_iter().map(|p| format!("{parent}::{p}")));
            }
            let deps = named
                .iter()
                .filter_map(|path| module_of(path, known))
                .filter(|dep| dep != name && !name.starts_with(&format!("{dep}::")))
                .collect();
            (name.clone(), deps)
        })
        .collect()
}

/// A circle in `graph`, as the modules along it, if there is one.
fn circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_shells_modules_import_in_one_direction() {
    let known = modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri"));
    assert!(known.contains_key("window") && known.contains_key("commands::token"), "{:?}", known.keys());
    let graph = graph(&known);
    assert!(graph["window"].contains("state"), "the reading finds imports: {:?}", graph["window"]);
    if let Some(circle) = circle(&graph) {
        panic!("an import circle: {}", circle.join(" → "));
    }
}

#[test]
fn a_circle_is_found() {
    let known: BTreeMap<String, String> = [
        ("tray", "use crate::window;"),
        ("window", "fn f() { crate::state::shell(); }"),
        ("state", "// crate::tray in a comment is no import\nuse crate::{view, commands::token};"),
        ("view", ""),
        ("commands::token", "use super::open::Reply;"),
        ("commands::open", "pub fn open() { crate::tray::show() }"),
    ]
    .into_iter()
    .map(|(name, code)| (name.to_owned(), code.to_owned()))
    .collect();
    let read = graph(&known);
    assert_eq!(read["commands::token"], BTreeSet::from(["commands::open".to_owned()]));
    assert_eq!(
        circle(&read).unwrap().join(" → "),
        "commands::open → tray → window → state → commands::token → commands::open"
    );
    let mut broken = known.clone();
    broken.insert("commands::open".into(), "pub fn open() {}".into());
    assert_eq!(circle(&graph(&broken)), None);
}
