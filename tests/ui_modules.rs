//! The window's `index.html` preloads its whole ES module graph (there is no bundler,
//! so without the hints WebKit discovers the modules one import level at a time).
//! This keeps the hint list and the real graph in step.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

const UI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/ui");

/// Relative module specifiers imported by `source` (`import … from "./x.js"`, `import "./x.js"`,
/// and re-exports, `export … from "./x.js"`).
fn imports(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines().map(str::trim) {
        let reexport = line.starts_with("export ") && line.contains(" from \"");
        if !(line.starts_with("import ") || line.starts_with("} from ") || reexport) {
            continue;
        }
        if let Some(spec) = line.split('"').nth(1).filter(|s| s.starts_with('.')) {
            found.push(spec.to_owned());
        }
    }
    found
}

/// `base/spec` without `.` and `..` parts, relative to the ui folder.
fn resolve(from: &Path, spec: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for part in from.parent().unwrap().join(spec).components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    path
}

/// Every module reachable from `entry` (paths relative to the ui folder), the entry excluded.
fn graph(entry: &Path) -> BTreeSet<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![entry.to_path_buf()];
    while let Some(module) = todo.pop() {
        let source = fs::read_to_string(Path::new(UI).join(&module))
            .unwrap_or_else(|e| panic!("{} is imported but unreadable: {e}", module.display()));
        for spec in imports(&source) {
            let dep = resolve(&module, &spec);
            if seen.insert(dep.clone()) {
                todo.push(dep);
            }
        }
    }
    seen
}

#[test]
fn index_preloads_exactly_the_module_graph() {
    let html = fs::read_to_string(Path::new(UI).join("index.html")).unwrap();
    let preloaded: BTreeSet<PathBuf> = html
        .lines()
        .filter(|l| l.contains(r#"rel="modulepreload""#))
        .map(|l| PathBuf::from(l.split("href=\"").nth(1).unwrap().split('"').next().unwrap()))
        .collect();
    let graph = graph(Path::new("js/main.js"));
    assert!(graph.len() >= 10, "the import scan found too little: {graph:?}");
    let missing: Vec<_> = graph.difference(&preloaded).collect();
    let stale: Vec<_> = preloaded.difference(&graph).collect();
    assert!(missing.is_empty() && stale.is_empty(), "add to index.html: {missing:?}; remove: {stale:?}");
}
