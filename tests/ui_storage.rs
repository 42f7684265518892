//! The window stores nothing in the web view: no web storage, no databases, no
//! cookies. Everything it shows comes from Rust (`get_view`), so its WebKit data
//! directory holds only caches, and moving it (the identifier change, see
//! `src-tauri/old_identifier.rs`) or deleting it loses nothing.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "js" || e == "html") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn the_window_keeps_no_state_in_the_web_view() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ui"), &mut files);
    assert!(files.len() > 5, "the UI sources are found");
    for (path, text) in files {
        for api in ["localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches.open", "openDatabase"] {
            assert!(!text.contains(api), "{path} uses {api}: the web view's data directory would then hold state");
        }
    }
}
